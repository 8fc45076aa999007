import test from 'ava';
import { keyFault } from '../../../../src/model/faults/key-faults.js';
import { parseModel } from '../../../../src/model/parse.js';

const model = (fields: object[], options: Record<string, string> = {}) => parseModel({ model_name: 'k', Fields: fields, Options: options });

test('a key column\'s null, empty or malformed rate, or repeated rows, break a primary key; faults elsewhere do not', (t) => {
  const clean = model([{ name: 'id', type: 'INTEGER' }, { name: 's', type: 'STRING', null_rate: 0.5, malformed_rate: 0.1 }]);
  t.is(keyFault(clean, ['id']), undefined, 'faults of other columns leave the key alone');
  t.is(keyFault(model([{ name: 'id', type: 'INTEGER' }], { DUPLICATE_RATE: '0.1' }), []), undefined, 'no key, nothing to break');
  t.deepEqual(keyFault(model([{ name: 'id', type: 'INTEGER' }], { NEAR_DUPLICATE_RATE: '0.1' }), ['id']), { path: 'Options.NEAR_DUPLICATE_RATE', why: 'a duplicate row repeats its primary key' });
  t.deepEqual(keyFault(model([{ name: 'id', type: 'INTEGER' }], { DUPLICATE_RATE: '0' }), ['id']), undefined, 'a rate of 0 asks for none');
  t.regex(keyFault(model([{ name: 'x', type: 'INTEGER' }, { name: 'id', type: 'STRING', empty_rate: 0.1 }]), ['x', 'id'])!.path, /^Fields\[1\]\.empty_rate$/);
  t.regex(keyFault(model([{ name: 'id', type: 'INTEGER', malformed_rate: 0.1 }]), ['id'])!.why, /a malformed key may repeat another row's/);
});
