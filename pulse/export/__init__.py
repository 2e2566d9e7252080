"""Exports built from data: tables as CSV and XLSX, charts as PNG, SVG and PDF."""
