import pytest

from syndicate.urls import canonical_url, real_url, rebase


@pytest.mark.parametrize("variant", [
    "https://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html?utm_source=wechat&utm_medium=social",
    "http://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html#top",
    "HTTP://EN.CSR-China.net:80/a/knowledge/CSRNews/2017/0928/277.html",
    "https://en.csr-china.net:443/a/knowledge/CSRNews/2017/0928/277.html?fbclid=abc",
])
def test_variants_fold_to_one_address(variant):
    assert canonical_url(variant, "https") == "https://en.csr-china.net/a/knowledge/CSRNews/2017/0928/277.html"


def test_content_parameters_are_kept_and_sorted():
    assert canonical_url("http://x.org/list.php?page=2&id=7&utm_campaign=z", "http") == "http://x.org/list.php?id=7&page=2"


def test_non_default_port_is_kept():
    assert canonical_url("http://x.org:8080/a", "http") == "http://x.org:8080/a"


def test_rebase_and_back():
    copy = rebase("https://en.csr-china.net/a/x/2017/0928/1.html?q=1", "en.csr-china.net", "http://127.0.0.1:9000")
    assert copy == "http://127.0.0.1:9000/a/x/2017/0928/1.html?q=1"
    assert real_url(copy, "en.csr-china.net", "https", "http://127.0.0.1:9000") == \
        "https://en.csr-china.net/a/x/2017/0928/1.html?q=1"
    # links to other hosts are left alone
    assert rebase("https://example.org/a", "en.csr-china.net", "http://127.0.0.1:9000") == "https://example.org/a"
