"""Shared test setup: Qt runs offscreen, before anything imports it; a fixture that forbids the network."""
import os
import socket

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def no_network(monkeypatch):
    """Refuse any connection, with the Hugging Face hub switched off as the app would have it."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")

    def refuse(*args, **kwargs):
        raise AssertionError("a model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def no_model(monkeypatch, tmp_path):
    """The shipped embedding model is missing: the engine must fall back to lexical matching."""
    from viewer.engine import embedding

    monkeypatch.setattr(embedding, "model_dir", lambda: tmp_path / "no-such-model")
    embedding.default_model.cache_clear()
    yield
    embedding.default_model.cache_clear()
