"""Workflows: versions by atomic increment, ownership, soft delete, copies (service over
``workflows.repository``), and the shape the import route checks before the importer."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from flowsmith.core.models import Workflow
from flowsmith.db.tables import utcnow
from flowsmith.errors import InvalidWorkflow, VersionNotFound, WorkflowGone, WorkflowNotFound
from flowsmith.workflows import repository, service
from flowsmith.workflows.router import _check_shape


async def test_versions_count_up_and_a_deleted_workflow_takes_none(db: AsyncSession) -> None:
    stored = await service.create_workflow(db, "alice", Workflow(name="w"))
    assert stored.version == 1
    again = await service.add_version(db, stored.id, Workflow(name="w2"), summary="edit")
    assert again.version == 2
    assert [v.version for v in await service.list_versions(db, stored.id)] == [1, 2]
    assert (await service.current_definition(db, stored.id)).name == "w2"  # type: ignore[union-attr]
    with pytest.raises(VersionNotFound):
        await service.get_version(db, stored.id, 3)
    await service.soft_delete(db, "alice", stored.id)
    with pytest.raises(WorkflowNotFound):
        await service.get_owned(db, "alice", stored.id)
    with pytest.raises(WorkflowGone):
        await service.add_version(db, stored.id, Workflow(name="w3"))
    gone = await repository.next_version(db, stored.id, name="x", description="", now=utcnow())
    assert gone is None
    assert await service.current_definition(db, stored.id) is None


async def test_a_workflow_is_its_owners_only_and_copies_are_new(db: AsyncSession) -> None:
    stored = await service.create_workflow(db, "alice", Workflow(name="Flow"))
    for user, workflow_id in (("bob", stored.id), ("alice", "missing"), ("alice", "a\x00")):
        with pytest.raises(WorkflowNotFound):
            await service.get_owned(db, user, workflow_id)
    copy = await service.copy_workflow(db, "alice", stored.id)
    assert copy.id != stored.id and copy.name == "Flow (copy)" and copy.version == 1
    listed = await service.list_owned(db, "alice", 10, 0)
    assert {row.id for row in listed} == {stored.id, copy.id}
    assert await service.list_owned(db, "bob", 10, 0) == []
    with pytest.raises(WorkflowNotFound):
        await service.copy_workflow(db, "bob", stored.id)


def test_the_import_shape_is_checked_without_echoing_the_body() -> None:
    for taken in ({"nodes": []}, [{"nodes": [{}], "name": "n", "settings": {}}]):
        _check_shape(taken)
    for body, where in (
        ({}, "no 'nodes' list"),
        ({"nodes": "SECRET"}, "the body.nodes is not of type array"),
        ({"nodes": [], "settings": ["SECRET"]}, "the body.settings is not of type object"),
        ([{"nodes": []}, {"nodes": []}], "exactly one workflow"),
    ):
        with pytest.raises(InvalidWorkflow) as raised:
            _check_shape(body)  # type: ignore[arg-type]
        assert where in raised.value.message
        assert "SECRET" not in raised.value.message
