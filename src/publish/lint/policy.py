"""What makes a finding an error: the severity policy, decided once for every rule.

A finding is an error when the file fails a requirement a reader depends on:
- a WCAG 2.2 success criterion at level A or AA;
- PDF/UA-1 (ISO 14289-1, as the Matterhorn Protocol and veraPDF test it);
- EPUB 3.3 or EPUB Accessibility 1.1 (reading systems refuse or misread the book);
- the format the file declares itself to be in, where a device reads it (a BRF file an
  embosser prints), or the print size an edition declares (large print);
- or the file could not be checked at all, so nothing about it is known.
Anything else a rule checks is good practice, and its finding is a warning (or a note).
Each rule's `basis` names the requirement that makes it an error; `publish rules`,
`publish explain`, the JSON and the SARIF reports carry it, and a test holds every
error rule to having one.
"""

from __future__ import annotations

import re

# The level of each WCAG 2.2 success criterion the rules cite.
WCAG_LEVEL = {
    "1.1.1": "A", "1.3.1": "A", "1.3.2": "A", "1.4.3": "AA", "1.4.4": "AA", "1.4.8": "AAA", "1.4.10": "AA",
    "2.4.1": "A", "2.4.2": "A", "2.4.3": "A", "2.4.4": "A", "2.4.5": "AA", "2.4.6": "AA", "2.4.9": "AAA",
    "3.1.1": "A", "3.1.2": "AA", "4.1.1": "A", "4.1.2": "A",
}
WCAG = re.compile(r"WCAG 2\.2 SC (\d+\.\d+\.\d+)")
# Other requirements, by what their references name, in the order they are preferred.
STANDARDS = (
    ("PDF/UA-1", re.compile(r"ISO 14289-1|Matterhorn|veraPDF")),
    ("EPUB Accessibility 1.1", re.compile(r"EPUB Accessibility 1\.1 §")),
    ("EPUB 3.3", re.compile(r"EPUB 3\.3|EPUB Media Overlays 3\.3|EPUBCheck (RSC|PKG|OPF|NAV|MED)-\d")),
    ("BRF, as embossers read it", re.compile(r"BANA")),
    ("large print, as the edition declares it", re.compile(r"UKAAF .*large print|UKAAF Creating Clear and Large")),
)
COULD_NOT_CHECK = re.compile(r"90\d$")


def basis(rule) -> str | None:
    """The requirement a finding of `rule` fails, when it is one that makes the finding an error."""
    if COULD_NOT_CHECK.search(rule.code):
        return "the file could not be checked"
    criteria = [m.group(1) for ref in rule.refs if (m := WCAG.match(ref))]
    required = [c for c in criteria if WCAG_LEVEL.get(c) in ("A", "AA")]
    if required:
        return f"WCAG 2.2 SC {required[0]} (level {WCAG_LEVEL[required[0]]})"
    for name, pattern in STANDARDS:
        if any(pattern.search(ref) for ref in rule.refs):
            return name
    return None


def explanation(rule) -> str:
    """One sentence on why the rule has its severity, for `publish explain`."""
    found = basis(rule)
    if rule.severity.value == "error":
        return f"An error: a finding fails {found}." if found else "An error with no requirement behind it."
    if found:
        return (f"A {rule.severity.value}: the rule points at {found}, but what it finds does not by itself "
                "fail it (the file may meet it another way); a person decides.")
    return f"A {rule.severity.value}: good practice, not a requirement of WCAG 2.2 AA, PDF/UA-1 or EPUB 3.3."
