"""Account-id literals for IAC319 hardcoded-account-id: what is a placeholder, what is an AWS
service's own account, and where the account field of an ARN sits in a string."""
from __future__ import annotations

import re

# documentation examples and obviously made-up ids: nobody owns them, so a template using one is
# wrong in every account (AWS docs use 123456789012, 111122223333, 444455556666, 777788889999)
_DOC_EXAMPLES = {"123456789012", "111122223333", "444455556666", "777788889999", "555555555555",
                 "012345678901", "123456789000", "000011112222", "999988887777"}
_RUN = "01234567890123456789"


def is_placeholder(account: str) -> bool:
    """A documentation example, a repeated non-zero digit, or a run of consecutive digits.
    `000000000000` (LocalStack's account) is not a placeholder: templates compare with it."""
    if account in _DOC_EXAMPLES:
        return True
    if len(set(account)) == 1 and account[0] != "0":
        return True
    return account in _RUN or account in _RUN[::-1]


# Elastic Load Balancing log-delivery accounts (one per region), granted bucket access on purpose
ELB_LOG_ACCOUNTS = frozenset({
    "127311923021", "033677994240", "027434742980", "797873946194", "098369216593", "754344448648",
    "589379963580", "718504428378", "383597477331", "600734575887", "114774131450", "783225319266",
    "582318560864", "985666609251", "054676820928", "156460612806", "652711504416", "635631232127",
    "009996457667", "897822967062", "076674570225", "507241528517", "048591011584", "190560391635",
    "638102146993", "037604701340",
})

# arn:partition:service:region:ACCOUNT:resource
ARN = re.compile(r"arn:(?:aws|aws-cn|aws-us-gov|\$\{AWS::Partition\}):([A-Za-z0-9-]+):([A-Za-z0-9${}:-]*?):"
                 r"(\d{12}):([^\s'\"`,\]\}]*)")
BARE = re.compile(r"\d{12}")
# an ARN cut into pieces (`!Join ['', ['arn:aws:sqs:', !Ref AWS::Region, ':123456789012:jobs']]`)
FRAGMENT = re.compile(r"(?:^|(?<=:))(\d{12})(?=:)")


def classify(service: str, account: str, resource: str) -> str | None:
    """"placeholder", "real" or None (an account that belongs where it is: AWS's own)."""
    if is_placeholder(account):
        return "placeholder"
    if account == "000000000000" or account in ELB_LOG_ACCOUNTS:
        return None
    # published by another account on purpose: Lambda layers (Powertools, Insights, vendors),
    # Inspector rules packages, AWS-managed resources
    if resource.startswith("layer:") or service == "inspector":
        return None
    return "real"


def arn_accounts(text: str):
    """(start, end, account, kind) of every account field of an ARN in `text` worth reporting."""
    seen = set()
    for m in ARN.finditer(text):
        kind = classify(m.group(1), m.group(3), m.group(4))
        seen.add(m.start(3))
        if kind is not None:
            yield m.start(3), m.end(3), m.group(3), kind
    for m in FRAGMENT.finditer(text):  # a piece of an ARN: placeholders only
        if m.start(1) not in seen and is_placeholder(m.group(1)):
            yield m.start(1), m.end(1), m.group(1), "placeholder"


def bare_placeholder(value: str) -> bool:
    """The whole string is a placeholder account id."""
    return bool(BARE.fullmatch(value)) and is_placeholder(value)
