/**
 * Flows: a file of steps (goto, click, fill, select, press, waitFor, audit, exercise cancel) that takes the CLI to
 * the phone step of a signing front end and audits it there. Schema: schemas/flow.schema.json.
 */
export { loadFlowFile, parseFlow, type Flow, type FlowStep, type FlowTarget, type FlowWaitFor } from './parse';
export { describeStep, phoneStepShown, resolveFlowValues, runFlow, type FlowRunOptions } from './runner';
export { IDENTITIES_BY_NAME } from './values';
