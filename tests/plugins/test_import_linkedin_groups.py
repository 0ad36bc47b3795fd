"""LinkedIn group conversations (the owner and two or more others) name the other participants."""

from __future__ import annotations

from datetime import date, datetime

from linkedin_fixtures import write_connections_csv, write_messages_csv
from import_helpers import snapshot, log

ME = "https://www.linkedin.com/in/sam-owner"
ANA = "https://www.linkedin.com/in/ana-souza"
BO = "https://www.linkedin.com/in/bo-chen"
CARLA = "https://www.linkedin.com/in/carla-diaz"


def test_group_conversation_is_evidence_and_reimport_is_idempotent(netfiles_vault, netfiles_cli, tmp_path):
    netfiles_vault.config(me={"name": "Sam Owner", "linkedin": ME})
    export = tmp_path / "export"
    write_connections_csv(export / "Connections.csv", [
        {"first": "Ana", "last": "Souza", "url": ANA, "connected": date(2024, 1, 5)},
        {"first": "Bo", "last": "Chen", "url": BO, "connected": date(2024, 1, 6)},
        {"first": "Carla", "last": "Diaz", "url": CARLA, "connected": date(2024, 1, 7)},
    ])
    write_messages_csv(export / "messages.csv", [
        {"conversation_id": "g1", "title": "Meetup", "from_name": "Sam Owner", "from_url": ME,
         "to_names": ["Ana Souza", "Bo Chen"], "to_urls": [ANA, BO], "date": datetime(2026, 3, 4, 10)},
        {"conversation_id": "g1", "title": "Meetup", "from_name": "Ana Souza", "from_url": ANA,
         "to_names": ["Sam Owner", "Bo Chen"], "to_urls": [ME, BO], "date": datetime(2026, 3, 4, 11)},
        {"conversation_id": "c1", "from_name": "Sam Owner", "from_url": ME,
         "to_names": ["Carla Diaz"], "to_urls": [CARLA], "date": datetime(2026, 3, 4, 12)},
    ])
    result = netfiles_cli("import", "linkedin", str(export))
    assert result.exit_code == 0, result.output
    assert log(netfiles_vault, "Ana Souza") == ["- 2026-03-04 linkedin: with [[Bo Chen]]; messages (2)"]
    assert log(netfiles_vault, "Bo Chen") == ["- 2026-03-04 linkedin: with [[Ana Souza]]; message"]
    assert log(netfiles_vault, "Carla Diaz") == ["- 2026-03-04 linkedin: message"]  # a one-to-one message
    before = snapshot(netfiles_vault.path)
    assert "0 created, 0 updated" in netfiles_cli("import", "linkedin", str(export)).stdout
    assert snapshot(netfiles_vault.path) == before
