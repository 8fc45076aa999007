/** A live answer (an SSE stream) read to text until it ends or its request is aborted: what a client saw. */
export function textUntilAborted(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  return (async () => {
    let text = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted at the end of the test
    }
    return text;
  })();
}
