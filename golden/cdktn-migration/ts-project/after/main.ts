// Entry point: `cdktf synth` runs this file.
import { App } from "cdktn";
import { TapStack } from "./lib/tap-stack";

const app = new App();
new TapStack(app, "tap");
app.synth();
