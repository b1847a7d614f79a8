"""The takedown path: the public request page (stored, CSRF-protected, rate-limited) and
the editors' 撤下并删除 admin action, which removes an item with its import records, search
entry and cached pages, and logs it. Role checks: only editors with delete rights."""

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from yingdu.accounts.roles import EDITOR, grant
from yingdu.compositions.models import Composition
from yingdu.core.pagecache import content_generation
from yingdu.imports.models import ImportRecord
from yingdu.privacy.models import RequestStatus, TakedownLog, TakedownRequest
from yingdu.search.models import SearchEntry

REQUEST = {
    "relation": "guardian", "name": "王女士", "contact": "parent@example.org",
    "page_url": "https://yingdu.example.org/compositions/my-lucky-money/",
    "reason": "这是我孩子的作文，上面有他的名字。",
}  # fmt: skip
CHANGELIST = "/admin/compositions/composition/"


@pytest.fixture
def imported_composition(db):
    item = Composition.objects.create(
        title="我的压岁钱", slug="my-lucky-money", author_name="王小明", grade="p3",
        body="过年的时候，我收到了好多压岁钱。", status="published", published_at=timezone.now(),
    )  # fmt: skip
    ImportRecord.objects.create(
        source="https://portal.example.cn/zuowen/123.html", content_hash="a" * 64,
        content_type=ContentType.objects.get_for_model(Composition), object_id=item.pk,
    )  # fmt: skip
    return item


def staff(username, role=None, perms=()) -> User:
    user = User.objects.create_user(username, password="x" * 20, is_staff=True)
    if role:
        grant(user, role)
    user.user_permissions.add(*Permission.objects.filter(codename__in=perms))
    return user


def test_the_request_page_is_linked_from_every_page_and_explains_in_chinese(client, db):
    assert 'href="/takedown/"' in client.get("/").content.decode()
    html = client.get("/takedown/").content.decode()
    assert "申请删除页面" in html and "家长或监护人" in html and "联系方式" in html


def test_a_request_is_stored_for_editors(client, db):
    response = client.post("/takedown/", REQUEST)
    assert response.status_code == 302
    assert "谢谢" in client.get(response["Location"]).content.decode()
    stored = TakedownRequest.objects.get()
    assert (stored.contact, stored.status) == ("parent@example.org", RequestStatus.NEW)


def test_an_incomplete_request_is_refused_and_nothing_stored(client, db):
    response = client.post("/takedown/", {**REQUEST, "contact": ""})
    assert response.status_code == 400
    assert "这个字段是必填项" in response.content.decode()
    assert not TakedownRequest.objects.exists()


def test_requests_need_the_csrf_token(db):
    response = Client(enforce_csrf_checks=True).post("/takedown/", REQUEST)
    assert response.status_code == 403
    assert not TakedownRequest.objects.exists()


def test_requests_are_rate_limited(client, db):
    cache.clear()
    statuses = [client.post("/takedown/", REQUEST).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert TakedownRequest.objects.count() == 5
    cache.clear()


def test_editors_see_the_requests_in_the_admin(client, db):
    TakedownRequest.objects.create(**REQUEST)
    client.force_login(staff("editor_li", EDITOR))
    html = client.get("/admin/privacy/takedownrequest/").content.decode()
    assert REQUEST["page_url"] in html


def take_down(client, item, **extra):
    data = {"action": "take_down_selected", "_selected_action": [item.pk], **extra}
    return client.post(CHANGELIST, data)


def test_take_down_removes_item_record_search_entry_and_cached_pages(
    admin_client, imported_composition
):
    item = imported_composition
    answered = TakedownRequest.objects.create(**REQUEST)
    assert item.title in admin_client.get("/compositions/").content.decode()  # cached now
    assert SearchEntry.objects.filter(kind="compositions", object_id=item.pk).exists()
    generation = content_generation()

    confirm = take_down(admin_client, item)
    assert confirm.status_code == 200 and "撤下并删除" in confirm.content.decode()
    assert Composition.objects.filter(pk=item.pk).exists()  # nothing happens before confirming

    done = take_down(
        admin_client, item, confirm="1", reason="家长申请", takedown_request=answered.pk
    )
    assert done.status_code == 302
    assert not Composition.objects.filter(pk=item.pk).exists()
    assert not ImportRecord.objects.filter(object_id=item.pk).exists()
    assert not SearchEntry.objects.filter(kind="compositions", object_id=item.pk).exists()
    assert content_generation() != generation
    assert item.title not in admin_client.get("/compositions/").content.decode()
    assert admin_client.get(item.get_absolute_url()).status_code == 404
    log = TakedownLog.objects.get()
    assert (log.kind, log.object_id, log.title, log.reason, log.editor_username) == (
        "compositions.composition", item.pk, "我的压岁钱", "家长申请", "admin"
    )  # fmt: skip
    assert log.sources == "https://portal.example.cn/zuowen/123.html"
    assert log.url == "/compositions/my-lucky-money/" and "王小明" not in str(log.__dict__)
    answered.refresh_from_db()
    assert answered.status == RequestStatus.DONE and answered.handled_at


def test_a_reason_is_required(admin_client, imported_composition):
    response = take_down(admin_client, imported_composition, confirm="1", reason="")
    assert response.status_code == 200
    assert Composition.objects.filter(pk=imported_composition.pk).exists()
    assert not TakedownLog.objects.exists()


def test_staff_without_rights_cannot_take_down(client, imported_composition):
    client.force_login(staff("clerk", perms=["view_composition"]))
    assert "take_down_selected" not in client.get(CHANGELIST).content.decode()
    take_down(client, imported_composition, confirm="1", reason="x")
    assert Composition.objects.filter(pk=imported_composition.pk).exists()
    assert not TakedownLog.objects.exists()


def test_delete_rights_without_the_editor_role_are_not_enough(client, imported_composition):
    client.force_login(staff("clerk", perms=["view_composition", "delete_composition"]))
    response = take_down(client, imported_composition, confirm="1", reason="x")
    assert Composition.objects.filter(pk=imported_composition.pk).exists()
    assert not TakedownLog.objects.exists()
    assert "只有编辑可以撤下内容" in client.get(response["Location"]).content.decode()
