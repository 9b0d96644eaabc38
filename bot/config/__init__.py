"""The practice config file: load it into the domain, check it, or dump it normalized."""

from bot.config.loader import check_practice, load_practice, practice_json
from bot.config.problems import ConfigError

__all__ = ["ConfigError", "check_practice", "load_practice", "practice_json"]
