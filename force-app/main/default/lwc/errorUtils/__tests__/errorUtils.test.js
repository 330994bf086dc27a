import { reduceErrors } from 'c/errorUtils';

describe('c/errorUtils reduceErrors', () => {
  it('reads the message of an AuraHandledException from Apex', () => {
    const apexError = { body: { message: 'You need the Manage Connector permission.' }, status: 500 };
    expect(reduceErrors(apexError)).toEqual(['You need the Manage Connector permission.']);
  });

  it('reads UI API read errors given as an array body', () => {
    expect(reduceErrors({ body: [{ message: 'First' }, { message: 'Second' }] })).toEqual(['First', 'Second']);
  });

  it('reads page and field errors of a DML failure', () => {
    const dmlError = {
      body: {
        pageErrors: [{ message: 'Record is locked' }],
        fieldErrors: { CsmUser__c: [{ message: 'User is inactive' }] }
      }
    };
    expect(reduceErrors(dmlError)).toEqual(['Record is locked', 'User is inactive']);
  });

  it('reads UI API DML errors nested in output', () => {
    const uiError = { body: { output: { errors: [], fieldErrors: { Name: [{ message: 'Required' }] } } } };
    expect(reduceErrors(uiError)).toEqual(['Required']);
  });

  it('reads JavaScript errors and plain strings', () => {
    expect(reduceErrors([new TypeError('x is undefined'), 'Plain text'])).toEqual(['x is undefined', 'Plain text']);
  });

  it('falls back to the HTTP status text', () => {
    expect(reduceErrors({ statusText: 'Service Unavailable' })).toEqual(['Service Unavailable']);
  });

  it('drops empty errors and empty messages', () => {
    expect(reduceErrors([null, undefined, { body: { message: '  ' } }, {}])).toEqual([]);
  });
});
