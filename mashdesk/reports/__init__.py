"""PDF reports as pure functions from data to bytes (ReportLab; no Qt, no store access).

`decision_log_pdf(DecisionLogReport) -> bytes` and `scrutiny_pdf(ScrutinyFigures) -> bytes`;
the data comes from `mashdesk.reports.queries`. Every string from a user is escaped before it
reaches a Paragraph, and builds are byte-identical for the same data (ReportLab invariant mode).
"""
