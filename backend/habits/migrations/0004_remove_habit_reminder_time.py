# The habit's single reminder time moved to reminders.Reminder (reminders 0001_initial copied
# each one into a reminder first); the API still shows the earliest reminder as reminder_time.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('habits', '0003_group'),
        ('reminders', '0001_initial'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='habit',
            name='reminder_time',
        ),
    ]
