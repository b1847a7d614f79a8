"""The textbook editions every Chinese teacher knows; editors change the list in the admin."""

from django.db import migrations

EDITIONS = [
    ("人教版", "renjiao"),
    ("外研版", "waiyan"),
    ("译林版", "yilin"),
    ("北师大版", "beishida"),
    ("沪教牛津版", "hujiao"),
    ("其他", "qita"),
]


def add_editions(apps, schema_editor):
    Edition = apps.get_model("resources", "Edition")
    for position, (name, slug) in enumerate(EDITIONS):
        Edition.objects.get_or_create(name=name, defaults={"slug": slug, "position": position})


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(add_editions, migrations.RunPython.noop)]
