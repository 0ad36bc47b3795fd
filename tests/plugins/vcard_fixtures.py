"""A vCard file as phones and address books export it, shared by the vCard parser and import tests.

Import as ``from vcard_fixtures import MULTI`` (tests/plugins/conftest.py puts this folder on sys.path).
"""

# What phones and Google write: vCard 3.0 with a UID, 2.1 with quoted-printable, 4.0 with X-SOCIALPROFILE.
MULTI = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ana-1\r\nFN:Ana Souza\r\nN:Souza;Ana;;;\r\n"
    "EMAIL;TYPE=INTERNET:ana@example.org\r\nEMAIL:ana@work.example\r\nTEL;TYPE=CELL:+55 11 5555 0100\r\n"
    "ORG:Acme\\, Inc.;Data\r\nTITLE:Head of Data\r\nBDAY:1988-03-02\r\n"
    "URL:https://www.linkedin.com/in/Ana-Souza/\r\nURL:https://ana.example\r\n"
    "CATEGORIES:mentor,pycon-2024\r\nNOTE:Met at PyCon\\nlikes tea\r\n"
    "ADR;TYPE=HOME:;;Rua 1;São Paulo;SP;01000;Brazil\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\nTEL;CELL:+49 170 1234\r\n"
    "BDAY:--0415\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:bo-2\r\nFN:Bo Chen, PhD\r\nBDAY:--12-24\r\n"
    "X-SOCIALPROFILE;TYPE=linkedin:https://uk.linkedin.com/in/bo-chen\r\nEND:VCARD\r\n"
)
