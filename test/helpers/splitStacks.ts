/** Stack traces written one line per CloudWatch event, as multi-line rejoin (normalize/rejoin.ts) meets them. */

/** A Java stack trace printed line by line to stdout (a container without multi-line framing). */
export const JAVA_SPLIT_STACK: readonly string[] = [
  'java.lang.IllegalStateException: stock is negative',
  '\tat com.example.orders.OrderService.reserve(OrderService.java:57)',
  '\tat com.example.orders.Handler.handleRequest(Handler.java:31)',
  'Caused by: java.lang.ArithmeticException: overflow',
  '\t... 2 more',
  'next request',
];

/** Python's logger.exception on a stream handler, one CloudWatch event per line. */
export const PYTHON_SPLIT_STACK: readonly string[] = [
  '2023-11-01 10:47:57,081 orders ERROR could not charge card',
  'Traceback (most recent call last):',
  '  File "/app/orders.py", line 41, in charge',
  '    gateway.charge(card, amount)',
  'gateway.GatewayError: declined',
  '2023-11-01 10:47:58,002 orders INFO retrying',
];
