"""IAC401 ts-nocheck."""
from __future__ import annotations

import re

from iacfix.codemods import _remove
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_DIRECTIVE = re.compile(r"@ts-nocheck\b")
# the directive inside a block comment with other text: the word and the blanks before it
_WORD = re.compile(r"[ \t]*@ts-nocheck\b[ \t]*")


class TsNocheck(Rule):
    """A `// @ts-nocheck` directive: the whole file escapes the type checker.

    Generated code adds `// @ts-nocheck` to silence type errors instead of fixing them (seed 000
    #5: a Lambda rotation handler whose `UpdateSecretCommand` call did not type-check; the
    directive also fails `npm run lint` through `@typescript-eslint/ban-ts-comment`). The fix
    removes it: a line comment that starts with `@ts-nocheck` is deleted with its line (any text
    after the directive in that comment is its justification and goes with it); a `/* @ts-nocheck */`
    block comment alone likewise; inside a longer block comment only the word is removed. A
    directive after code on a line leaves the code.

    Unsafe: the file is type-checked again, and the errors the directive hid surface (the seed's
    did — IAC403 fixes that one); applied only with `--unsafe-fixes`. `@ts-nocheck` in strings and
    `@ts-ignore` / `@ts-expect-error` (which silence one line each) are left alone. TypeScript files
    of a CDKTF project (any file importing `cdktf`, `constructs`, the provider or `@aws-sdk/*`, as
    Lambda handlers do) are checked.
    """

    id = "IAC401"
    slug = "ts-nocheck"
    summary = "`// @ts-nocheck` removed (unsafe: the type errors it hid surface)"
    rationale = "seed 000 #5 (`// @ts-nocheck` on the rotation handler broke lint and hid type errors)"
    seeds = ("000#5",)
    languages = ("typescript",)
    applicability = Applicability.UNSAFE
    triggers = ("@ts-nocheck",)
    examples = (
        Example("typescript", """\
// @ts-nocheck  // ESLint error: Do not use "@ts-nocheck"
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const client = new SecretsManagerClient({});
""", """\
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export const client = new SecretsManagerClient({});
""", path="lib/lambda/rotation-handler.ts"),
        Example("typescript", """\
/* eslint-disable import/no-extraneous-dependencies */
/* @ts-nocheck */
import { TerraformStack } from 'cdktf';

/** Stack. @ts-nocheck kept out */
export class TapStack extends TerraformStack {}
""", """\
/* eslint-disable import/no-extraneous-dependencies */
import { TerraformStack } from 'cdktf';

/** Stack. kept out */
export class TapStack extends TerraformStack {}
"""),
        # valid: one-line suppressions and the word in a string stay
        Example("typescript", """\
import { TerraformStack } from 'cdktf';

// @ts-ignore
const note = 'never write @ts-nocheck';
export class TapStack extends TerraformStack {}
"""),
    )

    def check_typescript(self, doc, ctx):
        text = doc.text
        for comment in doc.find_all("comment"):
            body = comment.text()
            match = _DIRECTIVE.search(body)
            if match is None:
                continue
            start, end = doc.span(comment)
            message = "`@ts-nocheck` turns off type checking for the whole file: removed, fix the errors it hid"
            inner = body[2:].strip() if body.startswith("//") else body[2:-2].strip(" \t*")
            if body.startswith("//") and inner.startswith("@ts-nocheck") or inner == "@ts-nocheck":
                a, b = _remove.removal_range(text, start, end, "//", separator="")
                edits = [doc.source.edit(a, b, "")]
            else:
                w_start, w_end = _WORD.search(body).span()
                blanks = body[w_start:w_end] != body[w_start:w_end].strip(" \t")
                keep = " " if blanks and 0 < w_start and w_end < len(body) else ""
                edits = [doc.source.edit(start + w_start, start + w_end, keep)]
            yield doc.source.finding(self, start + match.start(), start + match.end(), message, edits)
