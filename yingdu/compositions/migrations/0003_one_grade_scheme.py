"""Compositions take the one grade scheme (yingdu.grades): g1 … g6 become p1 … p6.

j1 … s3 and college were already shared with resources. g7 … g12, never offered by the
form but possible in rows written by hand, become j1 … s3. Backwards, p1 … p6 return to
g1 … g6 (the old scheme's j1 … s3 stay as they are, so g7 … g12 come back as j1 … s3).
The mapping is written out here, not imported, so that this migration never changes."""

from django.db import migrations, models

FORWARD = {
    "g1": "p1", "g2": "p2", "g3": "p3", "g4": "p4", "g5": "p5", "g6": "p6",
    "g7": "j1", "g8": "j2", "g9": "j3", "g10": "s1", "g11": "s2", "g12": "s3",
}  # fmt: skip
BACKWARD = {new: old for old, new in FORWARD.items() if new.startswith("p")}


def recode(mapping):
    def run(apps, schema_editor):
        Composition = apps.get_model("compositions", "Composition")
        for old, new in mapping.items():
            Composition.objects.filter(grade=old).update(grade=new)

    return run


OLD_CHOICES = [
    ("g1", "Grade 1"), ("g2", "Grade 2"), ("g3", "Grade 3"), ("g4", "Grade 4"),
    ("g5", "Grade 5"), ("g6", "Grade 6"), ("j1", "Junior 1"), ("j2", "Junior 2"),
    ("j3", "Junior 3"), ("s1", "Senior 1"), ("s2", "Senior 2"), ("s3", "Senior 3"),
    ("college", "College"),
]  # fmt: skip
NEW_CHOICES = [(FORWARD.get(code, code), label) for code, label in OLD_CHOICES]


class Migration(migrations.Migration):
    dependencies = [
        ("compositions", "0002_reading_aids"),
    ]

    operations = [
        migrations.AlterField(
            model_name="composition",
            name="grade",
            field=models.CharField(
                choices=NEW_CHOICES, db_index=True, max_length=10, verbose_name="grade"
            ),
        ),
        migrations.RunPython(recode(FORWARD), recode(BACKWARD)),
    ]
