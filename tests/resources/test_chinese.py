"""The library speaks Chinese by default: the facet bar reads like a Chinese teachers'
portal (类型 不限 | 英语教案 | 英语课件 | 英语试题 …), refusals are clear Chinese sentences, and
the same pages exist in English under /en/.

These strings come from the zh_Hans catalogue (yingdu/locale)."""

import re

import pytest
from django.core.cache import cache

from . import samples
from .conftest import make_resource, make_user, upload_data

pytestmark = pytest.mark.django_db


def facet_row(html: str, facet: str) -> list[str]:
    row = re.search(rf'data-facet="{facet}">(.*?)</nav>', html, re.S).group(1)
    links = re.findall(r"<a [^>]*>(.*?)</a>", row)
    return [re.sub(r"<[^>]+>\d+<[^>]+>", "", a).strip() for a in links]


def test_facet_bar_in_chinese(client, renjiao):
    make_resource(renjiao, 0)
    html = client.get("/resources/").content.decode()
    assert re.search(r'<span class="facet-name">类型</span>', html)
    assert facet_row(html, "type")[:4] == ["不限", "英语教案", "英语课件", "英语试题"]
    assert facet_row(html, "volume") == ["不限", "上册", "下册", "全一册"]
    assert facet_row(html, "grade")[:6] == [
        "不限",
        "一年级",
        "二年级",
        "三年级",
        "四年级",
        "五年级",
    ]
    assert facet_row(html, "grade")[-4:] == ["高一", "高二", "高三", "大学"]
    editions = ["不限", "人教版", "外研版", "译林版", "北师大版", "沪教牛津版", "其他"]
    assert facet_row(html, "edition") == editions
    for label in ["年级", "册别", "版本", "最新", "下载最多", "共 1 个资源", "上传资源"]:
        assert label in html, label


def test_english_under_en(client, renjiao):
    make_resource(renjiao, 0)
    html = client.get("/en/resources/").content.decode()
    assert facet_row(html, "type")[:4] == ["Any", "Lesson plan", "Courseware", "Test paper"]


def test_forged_file_message_is_chinese(client, renjiao):
    client.force_login(make_user("t", "teacher"))
    response = client.post(
        "/resources/upload/", upload_data(renjiao, [("试题.pdf", samples.exe())])
    )
    assert (
        "试题.pdf: 文件内容不是真正的 .pdf 文件（实际类型与扩展名不符），已拒绝上传。"
        in response.content.decode()
    )


def test_too_large_page_is_chinese(client, renjiao, settings):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 2**20
    client.force_login(make_user("t", "teacher"))
    response = client.post("/resources/upload/", {}, CONTENT_LENGTH=str(2**30))
    assert response.status_code == 413
    assert "每次上传的文件合计不能超过 1 MB" in response.content.decode()


def test_lock_message_is_chinese(client):
    cache.clear()
    make_user("li")
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "li", "password": "bad"})
    assert "登录失败次数过多，请 15 分钟后再试。" in response.content.decode()
    cache.clear()


def test_sign_up_and_log_in_pages_are_chinese(client):
    assert "注册" in client.get("/accounts/signup/").content.decode()
    html = client.get("/accounts/login/").content.decode()
    assert "登录" in html and "用户名" in html and "密码" in html
