"""A question never ignores a service the user named (issue 14: "no request answered with a
question that ignores a service it named")."""

from __future__ import annotations

from flowsmith.planner.offline import Decision, Question, _heard_services, decide


def _asking(question: str) -> Decision:
    return Decision(
        kind="clarify",
        reply=f"(offline planner) I need a little more:\n1. {question}",
        questions=[Question(question=question, suggestions=["Every hour"])],
        waiting_message=f"Waiting for your answer: {question}",
    )


def test_a_question_that_names_none_of_the_services_says_which_it_heard() -> None:
    asked = _heard_services(
        _asking("What should start it?"), "sync Pipedrive deals into Airtable", "en"
    )
    assert asked.reply.startswith("You named Pipedrive and Airtable.")
    assert asked.questions[0].question == "You named Pipedrive and Airtable. What should start it?"
    assert asked.questions[0].suggestions == ["Every hour"]


def test_a_question_that_names_a_service_is_left_as_it_is() -> None:
    question = _asking("What should happen with Pipedrive?")
    assert _heard_services(question, "sync Pipedrive deals", "en") == question


def test_chinese_questions_say_it_in_chinese_by_any_of_the_apps_names() -> None:
    asked = _heard_services(_asking("由什么触发？"), "把飞书的消息同步一下", "zh")
    assert asked.reply.startswith("你提到了 Feishu / Lark。")
    # the question already says 飞书: one of the app's names is enough
    named = _asking("要用 飞书 做什么？")
    assert _heard_services(named, "把飞书的消息同步一下", "zh") == named


def test_only_questions_change_and_only_when_a_service_was_named() -> None:
    question = _asking("What should start it?")
    assert _heard_services(question, "do the usual thing", "en") == question
    answer = Decision(kind="answer", reply="Thanks!")
    assert _heard_services(answer, "thanks, Slack looks great", "en") == answer


def test_decide_keeps_its_questions_about_named_services() -> None:
    decision = decide("帮我弄一下飞书和钉钉", [], None)
    assert decision.kind == "clarify"
    assert "飞书" in decision.reply and "钉钉" in decision.reply
