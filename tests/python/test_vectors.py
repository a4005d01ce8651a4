"""Every golden vector in tests/vectors, through the Python front door."""

import pytest

import webinar_analytics as wa
from conftest import build, call, load_vectors

VECTORS = load_vectors()


def test_all_vectors_found():
    assert len(VECTORS) >= 10


@pytest.mark.parametrize("name,vector", VECTORS, ids=[name for name, _ in VECTORS])
def test_vector(name, vector):
    if "error" in vector:
        with pytest.raises(wa.AnalyticsError) as raised:
            call(*build(vector), vector["call"])
        expected = vector["error"]
        assert raised.value.code == expected["code"], raised.value
        for key, value in expected.items():
            assert raised.value.details[key] == value, (key, raised.value.details)
    else:
        assert call(*build(vector), vector["call"]) == vector["expected"]
