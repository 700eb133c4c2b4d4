/**
 * CDK entry point (cdk.json: `npx tsx infra/app.ts`). cdk-nag's AwsSolutions pack validates the whole app during
 * synthesis: an unacknowledged error fails `cdk synth` / `cdk deploy` (report in cdk.out/validation-report.json).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildGongkaiStacks } from './gongkai-app.ts';

const app = new App();
buildGongkaiStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
