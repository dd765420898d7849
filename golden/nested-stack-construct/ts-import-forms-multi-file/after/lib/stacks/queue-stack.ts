import {
  TerraformOutput,
} from "cdktf"
import * as constructs from "constructs"
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue"

export class QueueStack extends constructs.Construct {
  constructor(scope: constructs.Construct, id: string) {
    super(scope, id)
    const queue = new SqsQueue(this, "orders", { name: "orders-dev" })
    new TerraformOutput(this, "queue-url", { value: queue.url })
  }
}
