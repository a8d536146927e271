// The smallest workflow that carries customer data in and out: its input and result are what the codec must hide.

export interface EchoCustomer {
  name: string;
  phone: string;
  address: string;
}

export interface EchoInput {
  orderNo: string;
  customer: EchoCustomer;
}

export async function echoWorkflow(input: EchoInput): Promise<EchoInput> {
  return input;
}
