//! Max, average and global average pooling.
