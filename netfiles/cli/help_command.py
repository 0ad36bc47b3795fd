"""`netfiles help [TOPIC]`: read the shipped documentation in the terminal."""
from __future__ import annotations

import sys

import click


@click.command(name="help")
@click.argument("topic", required=False)
def help_command(topic: str | None):
    """Read netfiles' documentation: the file format, safety, each plugin's measures.

    Without TOPIC, lists the topics. The pages are installed with netfiles, so
    they match the version you run.

    \b
    Examples:
      netfiles help               list the topics
      netfiles help format        the file format and every diagnostic code
      netfiles help health | less
    """
    from .app import NetfilesError, UsageProblem
    from .helptopics import available_topics, topic_text

    topics = available_topics()
    if topic is None:
        if not topics:
            raise NetfilesError("the documentation is not installed with this copy of netfiles")
        click.echo("Topics (netfiles help TOPIC):")
        width = max(map(len, topics))
        for name, summary in topics.items():
            click.echo(f"  {name.ljust(width)}  {summary}".rstrip())
        click.echo("\nEvery command also has --help with examples.")
        return
    text = topic_text(topic.lower())
    if text is None:
        known = ", ".join(topics) or "none installed"
        raise UsageProblem(f"no help topic {topic!r}; topics: {known}")
    if sys.stdout.isatty():
        click.echo_via_pager(text)
    else:
        click.echo(text, nl=False)
