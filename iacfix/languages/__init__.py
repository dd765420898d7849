"""Language front ends. Each module offers NAME, EXTENSIONS, detect(path, text), parse(source) and
verify(text, path) → list of problems; the engine picks the first whose detect() accepts a file's content."""
from iacfix.languages import cloudformation, manifest, python, typescript, workflow

FRONT_ENDS = (python, typescript, cloudformation, workflow, manifest)
BY_NAME = {fe.NAME: fe for fe in FRONT_ENDS}
EXTENSIONS = tuple(sorted({ext for fe in FRONT_ENDS for ext in fe.EXTENSIONS}))


def detect(path: str, text: str):
    """The front end for a file, judged by its content, or None when iacfix has nothing to say."""
    for fe in FRONT_ENDS:
        if fe.detect(path, text):
            return fe
    return None
