"""Unit tests for the document storage construct."""

import json

from cdktf import Testing
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLoggingA
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

from lib.tap_stack import TapStack


class TestDocumentStorage:
    """Synth the stack once per test and inspect the JSON."""

    def setup_method(self):
        app = Testing.app()
        self.stack = TapStack(app, "TestStack", environment_suffix="test", aws_region="us-east-1")
        self.synthesized = Testing.synth(self.stack)
        self.resources = json.loads(self.synthesized)["resource"]

    def test_buckets_exist(self):
        assert Testing.to_have_resource(self.synthesized, S3Bucket.TF_RESOURCE_TYPE)
        assert len(self.resources["aws_s3_bucket"]) == 2

    def test_versioning_enabled(self):
        assert Testing.to_have_resource_with_properties(
            self.synthesized,
            S3BucketVersioningA.TF_RESOURCE_TYPE,
            {"versioning_configuration": {"status": "Enabled"}},
        )

    def test_access_logging_prefix(self):
        logging = list(self.resources[S3BucketLoggingA.TF_RESOURCE_TYPE].values())
        assert logging[0]["target_prefix"] == "documents/"
