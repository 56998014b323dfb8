"""infoint: a terminal companion for a campaign of informational interviews."""


def __getattr__(name: str) -> str:
    # Looked up only when asked for (`--version`): importlib.metadata costs every command ~20 ms.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("infoint")
        except PackageNotFoundError:  # running from a checkout that was never installed
            return "0.0.0"
    raise AttributeError(name)
