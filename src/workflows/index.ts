// The workflow bundle's entry: every workflow type the worker runs. The exported name is the workflow
// type (`SERVICE_ORDER_WORKFLOW`).
export { serviceOrder } from './service-order/service-order.workflow';
