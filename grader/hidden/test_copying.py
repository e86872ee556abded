"""Hidden tests for the `copying` kata: aliases, shallow copies, deep copies."""

from __future__ import annotations

from grader.markers import points, task

# ---------------------------------------------------------------- task 1: relation


def probe_relation(m):
    x = [1, 2]
    return [m.relation(x, x), m.relation(x, [1, 2]), m.relation(x, [2, 1]),
            m.relation(None, None), m.relation(1.0, 1), m.relation([3], [1, 2])]


@task(1)
def test_relation_alias(learner):
    """relation(x, x) is "alias": one object under two names."""
    assert learner.run(probe_relation)[0] == "alias", "the same object should be an alias"


@task(1)
def test_relation_equal(learner):
    """relation(x, copy_of_x) is "equal": equal values, different objects."""
    got = learner.run(probe_relation)
    assert got[1] == "equal" and got[4] == "equal", "equal but distinct values should be 'equal'"


@task(1)
def test_relation_different(learner):
    """relation() says "different" for unequal values and "alias" for None with None."""
    got = learner.run(probe_relation)
    assert got[2] == got[5] == "different", "[1, 2] and [2, 1], or [3] and [1, 2], are not equal"
    assert got[3] == "alias", "None is one object: relation(None, None) is an alias"


# ---------------------------------------------------------------- task 2: make_grid


def probe_grid(m, rows, cols, *fill):
    grid = m.make_grid(rows, cols, *fill)
    before = [list(row) for row in grid]
    if grid and grid[0]:
        grid[0][0] = "changed"
    return {
        "before": before,
        "after": [list(row) for row in grid],
        "distinct_rows": len({id(row) for row in grid}) == len(grid),
        "types": sorted({type(row).__name__ for row in grid}),
    }


@task(2)
def test_grid_shape_and_fill(learner):
    """make_grid(3, 4, ".") has 3 rows of 4 "." each."""
    got = learner.run(probe_grid, 3, 4, ".")
    assert got["before"] == [["."] * 4] * 3
    assert got["types"] == ["list"], "each row should be a list"


@points(2)
@task(2)
def test_grid_rows_independent(learner):
    """Changing one cell changes one row only: rows are not the same list repeated."""
    got = learner.run(probe_grid, 3, 2, 0)
    assert got["distinct_rows"], "the rows are one list repeated: [[fill] * cols] * rows aliases"
    assert got["after"] == [["changed", 0], [0, 0], [0, 0]]


@task(2)
def test_grid_default_fill(learner):
    """Without a fill, make_grid(2, 3) is filled with 0."""
    assert learner.run(probe_grid, 2, 3)["before"] == [[0, 0, 0], [0, 0, 0]], "fill defaults to 0"


@task(2)
def test_grid_empty(learner):
    """make_grid(0, 5) is an empty list and make_grid(2, 0) is two empty rows."""
    assert learner.run(probe_grid, 0, 5, 0)["before"] == []
    assert learner.run(probe_grid, 2, 0, 0)["before"] == [[], []]


# ---------------------------------------------------------------- task 3: shallow_copy


def probe_shallow(m):
    items = [[1], {"a": 2}, 3]
    result = m.shallow_copy(items)
    same_items = [a is b for a, b in zip(result, items)]
    fresh = result is not items
    equal = result == items
    result.append("extra")
    return {"fresh": fresh, "equal": equal, "same_items": same_items,
            "original": items, "type": type(result).__name__}


@task(3)
def test_shallow_copy_is_new_list(learner):
    """shallow_copy returns a new, equal list: appending to it leaves the original alone."""
    got = learner.run(probe_shallow)
    assert got["type"] == "list"
    assert got["fresh"], "the result is the original list itself, not a copy"
    assert got["equal"] and got["original"] == [[1], {"a": 2}, 3]


@points(2)
@task(3)
def test_shallow_copy_shares_items(learner):
    """A shallow copy holds the very same item objects, not copies of them."""
    got = learner.run(probe_shallow)
    assert got["same_items"] == [True, True, True], "the items were copied: that is a deep copy"


# ---------------------------------------------------------------- task 4: snapshot


def probe_snapshot(m):
    state = {"users": [{"name": "ada", "langs": ["py"]}], "count": 1, "pair": ([1], [2])}
    snap = m.snapshot(state)
    state["users"][0]["langs"].append("rust")
    state["users"].append({"name": "bob", "langs": []})
    state["pair"][0].append(99)
    state["count"] = 2

    def containers(obj, seen):
        if isinstance(obj, (list, dict, tuple)):
            if isinstance(obj, (list, dict)):
                seen.add(id(obj))
            for child in (obj.values() if isinstance(obj, dict) else obj):
                containers(child, seen)
        return seen

    shared = containers(snap, set()) & containers(state, set())
    return {"snap": snap, "shared": len(shared)}


@points(2)
@task(4)
def test_snapshot_survives_mutation(learner):
    """Changes made to the state after snapshot() do not show in the snapshot."""
    got = learner.run(probe_snapshot)
    assert got["snap"] == {"users": [{"name": "ada", "langs": ["py"]}], "count": 1,
                           "pair": ([1], [2])}, "the snapshot changed with the state"


@task(4)
def test_snapshot_shares_no_container(learner):
    """The snapshot shares no list or dict with the original, however deep."""
    got = learner.run(probe_snapshot)
    assert got["shared"] == 0, f"{got['shared']} inner list(s)/dict(s) are shared: copy deeper"


# ---------------------------------------------------------------- task 5: with_tag


def probe_with_tag_repeated(m):
    return m.with_tag({"tags": ["x", "y"]}, "x")


@task(5)
def test_with_tag_repeated(learner):
    """A tag the record already has is appended again: with_tag(r, "x") ends with "x" twice."""
    got = learner.run(probe_with_tag_repeated)
    assert got == {"tags": ["x", "y", "x"]}, (
        "append the tag even when it is already in the list")


def probe_with_tag(m):
    meta = {"id": 7}
    record = {"name": "ada", "tags": ["x"], "meta": meta}
    result = m.with_tag(record, "y")
    return {
        "result": result,
        "record": record,
        "new_dict": result is not record,
        "new_tags": result.get("tags") is not record["tags"],
        "meta_shared": result.get("meta") is meta,
    }


@task(5)
def test_with_tag_result(learner):
    """with_tag(record, "y") returns the record with "y" appended to its tags."""
    got = learner.run(probe_with_tag)
    assert got["result"] == {"name": "ada", "tags": ["x", "y"], "meta": {"id": 7}}


@points(2)
@task(5)
def test_with_tag_leaves_record_alone(learner):
    """The caller's record and its tags list are unchanged afterwards."""
    got = learner.run(probe_with_tag)
    assert got["record"] == {"name": "ada", "tags": ["x"], "meta": {"id": 7}}, (
        "the caller's record changed: record.copy() still shares the tags list")
    assert got["new_dict"] and got["new_tags"], "return a new dict with a new tags list"


@task(5)
def test_with_tag_copies_only_what_changes(learner):
    """Values with_tag does not change are shared, not copied (no needless deep copy)."""
    assert learner.run(probe_with_tag)["meta_shared"], "only the tags list needs a copy"


# ---------------------------------------------------------------- task 6: Document


def probe_document(m, deep):
    import copy

    theme = {"font": "serif"}
    pages = [["intro"], ["body"]]
    doc = m.Document("guide", pages, theme)
    clone = copy.deepcopy(doc) if deep else copy.copy(doc)
    return {
        "type": type(clone).__name__,
        "new_object": clone is not doc,
        "title": clone.title,
        "pages": clone.pages,
        "new_pages_list": clone.pages is not pages,
        "same_pages": [a is b for a, b in zip(clone.pages, pages)],
        "same_theme": clone.theme is theme,
    }


@task(6)
def test_document_copy(learner):
    """copy.copy(doc): a new pages list with the same pages, and the same theme."""
    got = learner.run(probe_document, False)
    assert got["type"] == "Document" and got["new_object"] and got["title"] == "guide"
    assert got["new_pages_list"], "the copy shares the pages list with the original"
    assert got["same_pages"] == [True, True], "a shallow copy keeps the same page objects"
    assert got["same_theme"], "the theme must be shared, not copied"


@points(2)
@task(6)
def test_document_deepcopy(learner):
    """copy.deepcopy(doc): every page copied, the theme still shared."""
    got = learner.run(probe_document, True)
    assert got["type"] == "Document" and got["new_object"]
    assert got["pages"] == [["intro"], ["body"]]
    assert got["same_pages"] == [False, False], "a deep copy must copy the pages too"
    assert got["same_theme"], "the theme must be shared, not copied"


def probe_document_cycle(m):
    import copy

    doc = m.Document("loop", [], {"font": "mono"})
    doc.pages.append({"text": "see", "document": doc})
    clone = copy.deepcopy([doc, doc])
    return {
        "once": clone[0] is clone[1],
        "back_link": clone[0].pages[0]["document"] is clone[0],
        "not_original": clone[0] is not doc,
    }


@task(6)
def test_document_deepcopy_memo(learner):
    """A page that links back to its document is copied once, through the memo."""
    got = learner.run(probe_document_cycle)
    assert got == {"once": True, "back_link": True, "not_original": True}, (
        "register the new document in memo before copying the pages")


# ---------------------------------------------------------------- task 7: deep_clone


def probe_clone(m, case):
    import copy

    real_deepcopy, real_copy = copy.deepcopy, copy.copy

    def forbidden(*args, **kwargs):
        raise RuntimeError("deep_clone must not use the copy module")

    copy.deepcopy = copy.copy = forbidden
    for name, value in list(vars(m).items()):
        if value is real_deepcopy or value is real_copy:
            setattr(m, name, forbidden)
    try:
        if case == "nested":
            original = {"a": [1, {"b": [2, 3]}], "c": ("t", [4])}
            clone = m.deep_clone(original)
            original["a"][1]["b"].append(99)
            return {"clone": clone, "same_top": clone is original,
                    "same_inner": clone["a"] is original["a"]}
        if case == "shared":
            inner, empty_list, empty_dict = [1], [], {}
            clone = m.deep_clone([inner, inner, {"k": inner}, empty_list, empty_dict,
                                  [empty_list], {"d": empty_dict}])
            return {"once": clone[0] is clone[1] and clone[2]["k"] is clone[0],
                    "empty_once": clone[5][0] is clone[3] and clone[6]["d"] is clone[4],
                    "copied": clone[0] is not inner and clone[3] is not empty_list}
        if case == "again":
            items = [1]
            first = m.deep_clone(items)
            items.append(2)
            second = m.deep_clone(items)
            return {"second": second, "new": second is not first and second is not items}
        if case == "cycle":
            ring = [0]
            ring.append(ring)
            node = {"name": "n"}
            node["self"] = node
            # A fresh memo each: this check is about cycles, not about a memo kept between
            # calls (test_deep_clone_fresh_each_call), whose stale ids would make it flaky.
            a, b = m.deep_clone(ring, {}), m.deep_clone(node, {})
            return {"list": a[1] is a and a is not ring, "dict": b["self"] is b and b is not node}
        marker, pair = object(), (1, "a")
        clone = m.deep_clone([marker, "s", 3, pair])
        return {"shared_atom": clone[0] is marker, "shared_tuple": clone[3] is pair,
                "rest": clone[1:3]}
    finally:
        copy.deepcopy, copy.copy = real_deepcopy, real_copy


@task(7)
def test_deep_clone_nested(learner):
    """deep_clone copies nested lists and dicts, without calling the copy module."""
    got = learner.run(probe_clone, "nested")
    assert got["clone"] == {"a": [1, {"b": [2, 3]}], "c": ("t", [4])}
    assert not got["same_top"] and not got["same_inner"], "the clone shares lists with the original"


@task(7)
def test_deep_clone_shared_once(learner):
    """A list reached twice is cloned once: the clone keeps the sharing."""
    got = learner.run(probe_clone, "shared")
    assert got["copied"], "the clone should hold new lists, not the original ones"
    assert got["once"], "remember clones in a memo keyed by id(original)"
    assert got["empty_once"], (
        "an empty list or dict reached twice was cloned twice: ask `id(obj) in memo`, "
        "since an empty clone is falsy")


@points(2)
@task(7)
def test_deep_clone_cycle(learner):
    """A list or dict that contains itself is cloned into one that contains itself."""
    got = learner.run(probe_clone, "cycle")
    assert got == {"list": True, "dict": True}, "put the new container in the memo before its items"


@task(7)
def test_deep_clone_fresh_each_call(learner):
    """Each call clones the object as it is now: a list changed since an earlier clone is new."""
    got = learner.run(probe_clone, "again")
    assert got == {"second": [1, 2], "new": True}, (
        "a second deep_clone returned an old clone: the memo must be new for every call")


@task(7)
def test_deep_clone_shares_atoms(learner):
    """Values that are neither lists nor dicts, tuples included, come back as the same objects."""
    got = learner.run(probe_clone, "atoms")
    assert got == {"shared_atom": True, "shared_tuple": True, "rest": ["s", 3]}, (
        "only lists and dicts are cloned; every other value is shared")
