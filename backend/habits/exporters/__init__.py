"""Exporters: our JSON format and Loop Habit Tracker's CSV zip, both streamed."""

from __future__ import annotations

from habits.exporters.json_format import export_json
from habits.exporters.loop_csv import export_loop_csv

__all__ = ["export_json", "export_loop_csv"]
