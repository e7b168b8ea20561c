"""Reports: the tactical assessment and the problem profile.

A report is a tree of :class:`~workstation.reports.model.Section` built from
analysis result objects (every figure in the text is read from a result object,
never typed twice), rendered to PDF, HTML and DOCX by separate renderers
(:mod:`workstation.reports.render`). The marking, the audit entry and the method
notes are added by the renderer, never by a section.
"""
