"""A checkpoint per job, for kinds that resume where a killed attempt stopped."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="checkpoint",
            field=models.JSONField(blank=True, default=dict, verbose_name="checkpoint"),
        ),
    ]
