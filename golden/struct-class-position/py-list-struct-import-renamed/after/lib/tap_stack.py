"""Build project for the reporting service, with a second artifact for the test reports (CDKTF, Python)."""

from constructs import Construct
from cdktf import TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.codebuild_project import CodebuildProject, CodebuildProjectSecondaryArtifacts, CodebuildProjectEnvironment, CodebuildProjectSource


class TapStack(TerraformStack):
    """A CodeBuild project whose secondary artifacts use the primary artifacts' class."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs):
        super().__init__(scope, construct_id)

        suffix = kwargs.get("environment_suffix", "dev")
        region = kwargs.get("aws_region", "us-east-1")

        AwsProvider(self, "aws", region=region)

        role = IamRole(
            self,
            "build_role",
            name=f"reports-build-{suffix}",
            assume_role_policy='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
            '"Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
        )

        project = CodebuildProject(
            self,
            "build",
            name=f"reports-build-{suffix}",
            service_role=role.arn,
            source=CodebuildProjectSource(type="NO_SOURCE", buildspec="version: 0.2\nphases: {}\n"),
            environment=CodebuildProjectEnvironment(
                compute_type="BUILD_GENERAL1_SMALL",
                image="aws/codebuild/standard:7.0",
                type="LINUX_CONTAINER",
            ),
            artifacts={"type": "NO_ARTIFACTS"},
            secondary_artifacts=[
                CodebuildProjectSecondaryArtifacts(
                    artifact_identifier="reports",
                    type="S3",
                    location=f"reports-{suffix}",
                    packaging="ZIP",
                ),
                CodebuildProjectSecondaryArtifacts(artifact_identifier="coverage", type="S3", location=f"coverage-{suffix}"),
            ],
        )

        TerraformOutput(self, "project_arn", value=project.arn)
