"""The monthly appraisal scorecard: definitions as data, points, totals, contributions and
honest ranks (data), the page's sections and figures, and the XLSX it publishes."""
