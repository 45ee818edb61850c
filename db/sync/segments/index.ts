// Segments and bundles: the codec, sealing, the `.cunji` file and its verifier. The import
// transaction (trust, scope, quarantine) builds on `verifyBundle` + `changesOf` + `storeSegment`.
export { SyncFileError, type SyncFileReason } from './errors';
export { CODEC_VERSION, DEFAULT_DECODE_LIMITS, changesOfColumns, decodeChanges, encodeChanges, idAt, type Compression, type DecodeLimits, type SegmentColumns } from './codec';
export {
  DEFAULT_SEGMENT_CHANGES, canonicalHeader, deviceKeys, keyIdOf, loadDeviceKeys, sealAll, sealSegment, segmentFromRow, segmentHash,
  signSegmentHash, storeSegment, verifySegmentHash, type DeviceKeys, type SealOptions, type SealedSegment, type SegmentHeader,
} from './seal';
export {
  BUNDLE_FORMAT, DEFAULT_BUNDLE_LIMITS, bufferSource, chainOf, changesOf, columnsOf, fileSource, readBundle, rereadSegment, scanBundle, segmentsToExport, verifyBundle, writeBundle,
  type BundleDeviceCard, type BundleHeader, type BundleLimits, type BundleSegmentEntry, type ByteSource, type ScannedBundle, type ScannedSegment, type SegmentVisitor, type VerifiedBundle, type VerifiedSegment,
  type VerifyOptions, type WriteBundleOptions, type WrittenBundle,
} from './bundle';
