import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { NetworkStack } from "./network-stack";

export class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // the root declares no provider: the network stack brings its own
    new NetworkStack(this, "network");
  }
}
