"""Did-you-mean (iacfix/knowledge/names.py): the steps, the thresholds, the refusals."""
from iacfix.knowledge.names import max_distance, suggestions, unique_suggestion


def test_same_up_to_case_and_separators_wins_over_distance():
    assert suggestions("jsonDecode", ["jsondecode", "jsonencode"]) == ["jsondecode"]
    assert suggestions("subnet_ids", ["subnetIds", "subnetId"]) == ["subnetIds"]
    assert suggestions("S3controlBucket", ["S3ControlBucket", "S3Bucket"]) == ["S3ControlBucket"]


def test_singular_and_plural():
    assert suggestions("securityGroupId", ["securityGroupIds", "subnetIds"]) == ["securityGroupIds"]
    assert suggestions("subnetsIds", ["subnetIds"]) == ["subnetIds"]  # one edit


def test_distance_thresholds_by_length():
    assert max_distance("az") == 0 and max_distance("name") == 1 and max_distance("kmsKeyIdentifier") == 2
    assert suggestions("nmae", ["name"]) == ["name"]              # transposition: one edit
    assert suggestions("nam", ["name"]) == []                     # too short for a distance match
    assert suggestions("descriptoin", ["description"]) == ["description"]
    assert suggestions("retention", ["retentionInDays"]) == []   # six edits: a table's job, not a guess


def test_several_at_the_best_distance_are_all_returned_and_none_is_unique():
    found = suggestions("porte", ["port", "ports"])
    assert sorted(found) == ["port", "ports"]
    assert unique_suggestion("porte", ["port", "ports"]) is None


def test_the_name_itself_is_never_a_suggestion():
    assert suggestions("name", ["name"]) == []
    assert unique_suggestion("tags", ["tags", "tagsAll"]) is None
