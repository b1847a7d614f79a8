"""Authors' privacy: a display name, and consent (the guardian's for authors under 14)
before a full name may be shown. Existing rows show the surname's initial from now on."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("compositions", "0003_one_grade_scheme"),
    ]

    operations = [
        migrations.AlterField(
            model_name="composition",
            name="author_name",
            field=models.CharField(
                blank=True,
                help_text="Never shown, indexed or exported unless consent is recorded below.",
                max_length=50,
                verbose_name="author's full name (private)",
            ),
        ),
        migrations.AddField(
            model_name="composition",
            name="display_name",
            field=models.CharField(
                blank=True,
                help_text="Shown as the author. Empty: the surname's initial, e.g. 王同学.",
                max_length=50,
                verbose_name="display name",
            ),
        ),
        migrations.AddField(
            model_name="composition",
            name="author_under_14",
            field=models.BooleanField(
                default=True,
                help_text="Then the guardian's consent is needed before the full name is shown.",
                verbose_name="author under 14",
            ),
        ),
        migrations.AddField(
            model_name="composition",
            name="consent_at",
            field=models.DateField(
                blank=True,
                help_text="Date the author agreed that their full name may be shown.",
                null=True,
                verbose_name="consent to show the name given on",
            ),
        ),
        migrations.AddField(
            model_name="composition",
            name="guardian_consent_at",
            field=models.DateField(
                blank=True, null=True, verbose_name="guardian's consent given on"
            ),
        ),
    ]
