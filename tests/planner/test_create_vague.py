"""A request naming a kind of service instead of one ("my CRM") gets a question about which
one, offering the catalog's apps of that kind; a request naming the app does not."""

from __future__ import annotations

from flowsmith.core.catalog import load_catalog
from flowsmith.planner.offline import decide
from flowsmith.planner.parse import parse_request
from flowsmith.planner.vague import unnamed_kind

CATALOG = load_catalog()


def test_a_kind_of_service_gets_a_which_question() -> None:
    d = decide("Sync my CRM with our newsletter list", [], None)
    assert d.kind == "clarify"
    crm_apps = {a.display_name for a in CATALOG.apps if a.category == "crm"}
    assert d.questions and "CRM" in d.questions[0].question
    assert set(d.questions[0].suggestions) <= crm_apps and d.questions[0].suggestions


def test_a_chinese_kind_of_service_gets_a_which_question() -> None:
    d = decide("把工单系统里的新工单发到钉钉群", [], None)
    assert d.kind == "clarify"
    assert "工单系统" in d.questions[0].question


def test_a_named_app_of_that_kind_needs_no_question() -> None:
    text = "When a new contact is added to our Pipedrive CRM, email me"
    frame = parse_request(text)
    assert frame is not None
    assert unnamed_kind(text, frame, CATALOG) is None
    assert decide(text, [], None).kind == "generate"


def test_the_answer_builds_the_workflow() -> None:
    first = decide("Connect my help desk to Slack", [], None)
    assert first.kind == "clarify"
    second = decide(
        "Zendesk", [("user", "Connect my help desk to Slack"), ("assistant", first.reply)], None
    )
    assert second.kind == "generate"


def test_the_question_names_the_services_the_request_named() -> None:
    d = decide("Send every new deal in our CRM to Slack", [], None)
    assert d.kind == "clarify"
    assert "Slack" in d.questions[0].question
