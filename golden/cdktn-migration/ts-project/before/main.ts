// Entry point: `cdktf synth` runs this file.
import { App } from "cdktf";
import { TapStack } from "./lib/tap-stack";

const app = new App();
new TapStack(app, "tap");
app.synth();
