"""Orders API on ECS Fargate."""

import json
from typing import List

from constructs import Construct
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition
from cdktf_cdktf_provider_aws.ecs_service import (
    EcsService,
    EcsServiceLoadBalancer,
    EcsServiceNetworkConfiguration,
)
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment


class OrdersService(Construct):
    """Cluster, task definition and service registered with the ALB target group."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        environment_suffix: str,
        subnet_ids: List[str],
        security_group_id: str,
        target_group_arn: str,
        table_name: str,
    ):
        super().__init__(scope, construct_id)

        execution_role = IamRole(
            self,
            "execution-role",
            name=f"orders-exec-{environment_suffix}",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }],
            }),
        )
        IamRolePolicyAttachment(
            self,
            "execution-policy",
            role=execution_role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        )

        cluster = EcsCluster(self, "cluster", name=f"orders-{environment_suffix}")

        task = EcsTaskDefinition(
            self,
            "task",
            family=f"orders-api-{environment_suffix}",
            requires_compatibilities=["FARGATE"],
            network_mode="awsvpc",
            cpu="256",
            memory="512",
            execution_role_arn=execution_role.arn,
            container_definitions=json.dumps([{
                "name": "orders-api",
                "image": "public.ecr.aws/nginx/nginx:stable",
                "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                "environment": [{"name": "TABLE_NAME", "value": table_name}],
                "essential": True,
            }]),
        )

        self.service = EcsService(
            self,
            "service",
            name=f"orders-api-{environment_suffix}",
            cluster=cluster.id,
            task_definition=task.arn,
            desired_count=2,
            launch_type="FARGATE",
            network_configuration=[EcsServiceNetworkConfiguration(
                subnets=subnet_ids,
                security_groups=[security_group_id],
                assign_public_ip=False,
            )],
            # register the containers with the ALB
            load_balancer=EcsServiceLoadBalancer(
                target_group_arn=target_group_arn,
                container_name="orders-api",
                container_port=8080,
            ),
            deployment_circuit_breaker={"enable": True, "rollback": True},
        )
