"""extract_token: each source, their order, and refusing sources that disagree."""

from __future__ import annotations

import pytest
from starlette.datastructures import Headers, QueryParams

from flowsmith.auth.errors import AmbiguousToken
from flowsmith.auth.tokens import extract_token


def test_no_source_gives_none() -> None:
    assert extract_token({}, {}, {}) is None


def test_bearer_header() -> None:
    assert extract_token({"Authorization": "Bearer abc.def.ghi"}, {}, {}) == "abc.def.ghi"


def test_bearer_scheme_is_case_insensitive_and_header_name_too() -> None:
    assert extract_token({"authorization": "bearer  t1 "}, {}, {}) == "t1"
    assert extract_token(Headers({"AUTHORIZATION": "BEARER t1"}), {}, {}) == "t1"


def test_cookie() -> None:
    assert extract_token({}, {"sb-access-token": "t2"}, {}) == "t2"


def test_query_parameter() -> None:
    assert extract_token({}, {}, {"access_token": "t3"}) == "t3"
    assert extract_token({}, {}, QueryParams("access_token=t3&x=1")) == "t3"


def test_same_token_everywhere_is_accepted() -> None:
    token = extract_token(
        {"Authorization": "Bearer same"}, {"sb-access-token": "same"}, {"access_token": "same"}
    )
    assert token == "same"


@pytest.mark.parametrize(
    ("headers", "cookies", "query"),
    [
        ({"Authorization": "Bearer a"}, {"sb-access-token": "b"}, {}),
        ({"Authorization": "Bearer a"}, {}, {"access_token": "b"}),
        ({}, {"sb-access-token": "a"}, {"access_token": "b"}),
        ({"Authorization": "Bearer a"}, {"sb-access-token": "a"}, {"access_token": "b"}),
    ],
)
def test_sources_that_disagree_are_refused(
    headers: dict[str, str], cookies: dict[str, str], query: dict[str, str]
) -> None:
    with pytest.raises(AmbiguousToken) as caught:
        extract_token(headers, cookies, query)
    assert caught.value.code == "ambiguous_token"
    assert caught.value.status_code == 401


def test_repeated_values_within_one_source_that_disagree_are_refused() -> None:
    headers = Headers(raw=[(b"authorization", b"Bearer a"), (b"authorization", b"Bearer b")])
    with pytest.raises(AmbiguousToken):
        extract_token(headers, {}, {})
    with pytest.raises(AmbiguousToken):
        extract_token({}, {}, QueryParams("access_token=a&access_token=b"))


def test_empty_values_and_other_schemes_are_not_tokens() -> None:
    assert extract_token({"Authorization": "Bearer "}, {"sb-access-token": ""}, {}) is None
    assert extract_token({"Authorization": "Basic dXNlcjpwdw=="}, {}, {}) is None
    # a Basic header does not collide with the cookie's bearer token
    assert extract_token({"Authorization": "Basic x"}, {"sb-access-token": "t"}, {}) == "t"


def test_ambiguity_message_does_not_echo_the_tokens() -> None:
    with pytest.raises(AmbiguousToken) as caught:
        extract_token({"Authorization": "Bearer SECRET1"}, {"sb-access-token": "SECRET2"}, {})
    assert "SECRET" not in str(caught.value.body())
