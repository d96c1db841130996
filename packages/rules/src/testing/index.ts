export {
  type FakeMessage,
  type FakeRefusal,
  type FakeVendor,
  type FakeVendors,
  fakeVendorEnv,
  startFakeVendors,
} from './vendor-fakes';
