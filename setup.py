"""The package list: every ``gridmap*`` package, plus the top-level ``resources/`` and ``maps/`` folders installed as
``gridmap._resources`` and ``gridmap._maps`` (setup.cfg's ``package_dir``); the rest is in setup.cfg."""

from setuptools import find_packages, setup

setup(packages=find_packages(include=["gridmap", "gridmap.*"]) + ["gridmap._resources", "gridmap._maps"])
