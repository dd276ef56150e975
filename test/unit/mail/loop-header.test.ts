import { expect } from 'chai';
import { loopHeaders, ownLoopReason } from '../../../src/mail/loop-header';

const ours = (a: string): boolean => a === 'complaints@example.test';
const headers = (h: Record<string, string>) => ({ headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]])) });

describe('the loop header on our letters', () => {
  it('our letters name our address in X-Complaintd-Loop and in X-Loop, which other robots check', () => {
    expect(loopHeaders('complaints@example.test')).to.deep.equal({ 'X-Complaintd-Loop': 'complaints@example.test', 'X-Loop': 'complaints@example.test' });
  });

  it('a message carrying either header with one of our addresses is our own letter back', () => {
    expect(ownLoopReason(headers({ 'x-loop': '<Complaints@Example.test>' }), ours)).to.equal('our own letter came back (X-Loop: <Complaints@Example.test>)');
    expect(ownLoopReason(headers({ 'x-complaintd-loop': 'complaints@example.test' }), ours)).to.equal('our own letter came back (X-Complaintd-Loop: complaints@example.test)');
  });

  it('a loop header naming someone else, or none, is not ours', () => {
    expect(ownLoopReason(headers({ 'x-loop': 'kijitora' }), ours)).to.equal(null);
    expect(ownLoopReason(headers({ 'x-loop': 'list@lists.example.test' }), ours)).to.equal(null);
    expect(ownLoopReason(headers({}), ours)).to.equal(null);
  });
});
