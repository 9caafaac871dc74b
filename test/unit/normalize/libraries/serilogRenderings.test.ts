import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * How Serilog renders a token with a format or an alignment into the message
 * (serilog/serilog src/Serilog/Rendering/MessageTemplateRenderer.cs `RenderPropertyToken`,
 * Rendering/Padding.cs): `JsonFormatter` writes a formatted token's text under `Renderings`
 * (Formatting/Json/JsonFormatter.cs `WriteRenderingsValues`), CLEF under `@r`; an aligned token is
 * padded with spaces to its width, on the right for a negative one.
 */
describe('Serilog: renderings and alignment (serilogClef.ts, serilogJson.ts)', () => {
  it('JsonFormatter: a formatted token takes its Renderings entry', () => {
    const { record, missing } = shippedLine(
      '{"Timestamp":"2024-01-01T00:00:00.0000000+00:00","Level":"Information","MessageTemplate":"Took {Elapsed:0.00} ms, {Elapsed:0} rounded","Properties":{"Elapsed":12.3456},"Renderings":{"Elapsed":[{"Format":"0.00","Rendering":"12.35"},{"Format":"0","Rendering":"12"}]}}\n',
      'dotnet-fn',
    );
    expect(record.message).toBe('Took 12.35 ms, 12 rounded');
    expect(record.Renderings).toEqual({
      Elapsed: [
        { Format: '0.00', Rendering: '12.35' },
        { Format: '0', Rendering: '12' },
      ],
    });
    expect(missing).toEqual([]);
  });

  it('CLEF: an aligned token is padded to its width, left-aligned when negative', () => {
    const { record, missing } = shippedLine(
      '{"@t":"2024-01-01T00:00:00Z","@mt":"[{Name,-8}] [{Id,5}] {Name,3}","Name":"ab","Id":7}\n',
      'dotnet-fn',
    );
    expect(record.message).toBe('["ab"    ] [    7] "ab"');
    expect(missing).toEqual([]);
  });

  it('CLEF: a token whose alignment is no width stays as written', () => {
    const { record } = shippedLine('{"@t":"2024-01-01T00:00:00Z","@mt":"{Id,x}","Id":7}\n', 'dotnet-fn');
    expect(record.message).toBe('{Id,x}');
  });
});
