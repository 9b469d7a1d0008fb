from __future__ import annotations

from django.contrib import admin

from habits.models import Entry, Group, Habit


@admin.register(Habit)
class HabitAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "kind", "schedule_type", "archived", "position")
    list_filter = ("kind", "schedule_type", "archived")
    search_fields = ("name", "description", "owner__email")
    # An id field, not a menu of every person's groups.
    raw_id_fields = ("owner", "group")


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "position", "collapsed")
    search_fields = ("name", "owner__email")
    raw_id_fields = ("owner",)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("habit", "date", "status", "value")
    list_filter = ("status",)
    search_fields = ("habit__name", "note", "habit__owner__email")
    date_hierarchy = "date"
    raw_id_fields = ("habit",)
