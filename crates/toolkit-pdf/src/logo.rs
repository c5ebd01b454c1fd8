//! Logos: a PNG or JPEG checked, bounded and turned into PDF image data once.
//!
//! A logo file is untrusted input, so its size is bounded before anything is
//! decoded: bytes, pixels on each side and pixels in all. A JPEG is passed through
//! to the PDF as it is (PDF viewers decode baseline and progressive JPEG
//! themselves) once its headers have been read and checked; a PNG is decoded with
//! the `png` crate, its alpha channel split into a soft mask, and both deflated.

use std::io::Write;

use thiserror::Error;

/// The largest logo file accepted.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;
/// The most pixels on either side of a logo.
pub const MAX_LOGO_SIDE: u32 = 4096;
/// The most pixels in a logo.
pub const MAX_LOGO_PIXELS: u64 = 4_000_000;

/// A logo ready to embed: its size in pixels and its PDF image streams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) gray: bool,
    pub(crate) data: ImageData,
    /// The alpha channel, deflated, when the image has one.
    pub(crate) alpha: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ImageData {
    /// A JPEG file, embedded with `DCTDecode`.
    Jpeg(Vec<u8>),
    /// 8-bit samples, deflated.
    Deflated(Vec<u8>),
}

/// Why a logo cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LogoError {
    #[error("the logo is {0} bytes; the limit is {MAX_LOGO_BYTES} (2 MiB)")]
    TooLarge(usize),
    #[error(
        "the logo is {0} × {1} pixels; the limit is {MAX_LOGO_SIDE} on a side and {MAX_LOGO_PIXELS} in all"
    )]
    TooManyPixels(u32, u32),
    #[error("the logo is not a PNG or JPEG image")]
    UnknownFormat,
    #[error("the logo is not a valid PNG: {0}")]
    Png(String),
    #[error("the logo is not a valid JPEG: {0}")]
    Jpeg(String),
}

impl Logo {
    /// Reads a PNG or JPEG logo, recognised by its first bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Logo, LogoError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(LogoError::TooLarge(bytes.len()));
        }
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            png(bytes)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            jpeg(bytes)
        } else {
            Err(LogoError::UnknownFormat)
        }
    }

    /// The logo's width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }
}

fn check_size(width: u32, height: u32) -> Result<(), LogoError> {
    if width == 0
        || height == 0
        || width > MAX_LOGO_SIDE
        || height > MAX_LOGO_SIDE
        || u64::from(width) * u64::from(height) > MAX_LOGO_PIXELS
    {
        return Err(LogoError::TooManyPixels(width, height));
    }
    Ok(())
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::default(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

fn png(bytes: &[u8]) -> Result<Logo, LogoError> {
    let err = |e: png::DecodingError| LogoError::Png(e.to_string());
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: (MAX_LOGO_PIXELS * 4) as usize,
        },
    );
    // Palettes and low bit depths become 8-bit samples; 16-bit ones are halved.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let header = decoder.read_header_info().map_err(err)?;
    check_size(header.width, header.height)?;
    let mut reader = decoder.read_info().map_err(err)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| LogoError::Png("the image is too large".into()))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(err)?;
    let (width, height) = (info.width, info.height);
    check_size(width, height)?;
    buf.truncate(info.buffer_size());
    let (channels, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (2, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (4, true),
        png::ColorType::Indexed => {
            return Err(LogoError::Png("an unexpanded palette".into()));
        }
    };
    let colour = channels - usize::from(has_alpha);
    let (samples, alpha) = if has_alpha {
        let mut samples = Vec::with_capacity(buf.len() / channels * colour);
        let mut alpha = Vec::with_capacity(buf.len() / channels);
        for pixel in buf.chunks_exact(channels) {
            samples.extend_from_slice(&pixel[..colour]);
            alpha.push(pixel[colour]);
        }
        // A fully opaque alpha channel is no mask at all.
        let alpha = alpha.iter().any(|&a| a != 255).then(|| deflate(&alpha));
        (samples, alpha)
    } else {
        (buf, None)
    };
    Ok(Logo {
        width,
        height,
        gray: colour == 1,
        data: ImageData::Deflated(deflate(&samples)),
        alpha,
    })
}

/// Checks a JPEG's markers up to its first scan and reads its frame header.
fn jpeg(bytes: &[u8]) -> Result<Logo, LogoError> {
    let bad = |m: &str| LogoError::Jpeg(m.to_string());
    let mut i = 2;
    let mut frame = None;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
            return Err(bad("a broken marker before the image data"));
        };
        i += 2;
        match marker {
            0xD8 | 0x01 | 0xD0..=0xD7 => continue,
            0xD9 => return Err(bad("the file ends before any image data")),
            _ => {}
        }
        let len = match (bytes.get(i), bytes.get(i + 1)) {
            (Some(&a), Some(&b)) => usize::from(u16::from_be_bytes([a, b])),
            _ => return Err(bad("a segment is cut off")),
        };
        if len < 2 || i + len > bytes.len() {
            return Err(bad("a segment is cut off"));
        }
        let segment = &bytes[i + 2..i + len];
        match marker {
            // Baseline, extended sequential and progressive Huffman frames.
            0xC0..=0xC2 => {
                if segment.len() < 6 {
                    return Err(bad("a short frame header"));
                }
                let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
                let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
                let components = segment[5];
                if segment[0] != 8 {
                    return Err(bad("only 8-bit samples are supported"));
                }
                if !matches!(components, 1 | 3) {
                    return Err(bad(
                        "only greyscale and RGB images are supported (save a CMYK logo as RGB)",
                    ));
                }
                frame = Some((width, height, components));
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(bad("lossless or arithmetic-coded JPEG is not supported"));
            }
            0xDA => break,
            _ => {}
        }
        i += len;
    }
    let Some((width, height, components)) = frame else {
        return Err(bad("no frame header before the image data"));
    };
    check_size(width, height)?;
    // The image data must end with an end-of-image marker (trailing padding is
    // common and harmless).
    let tail = &bytes[bytes.len().saturating_sub(64).max(i)..];
    if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err(bad("the image data is cut off (no end-of-image marker)"));
    }
    Ok(Logo {
        width,
        height,
        gray: components == 1,
        data: ImageData::Jpeg(bytes.to_vec()),
        alpha: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG of `w` × `h` RGBA pixels, half of them transparent.
    pub(crate) fn png_bytes(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut writer = enc.write_header().unwrap();
            let data: Vec<u8> = (0..w * h)
                .flat_map(|i| [200, 30, 40, if i % 2 == 0 { 255 } else { 0 }])
                .collect();
            writer.write_image_data(&data).unwrap();
        }
        out
    }

    /// The smallest JPEG headers for a `w` × `h` image with `components` channels.
    pub(crate) fn jpeg_bytes(w: u16, h: u16, components: u8) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0];
        let mut sof = vec![0xFF, 0xC0, 0, 8 + 3 * components, 8];
        sof.extend(h.to_be_bytes());
        sof.extend(w.to_be_bytes());
        sof.push(components);
        for c in 0..components {
            sof.extend([c + 1, 0x11, 0]);
        }
        out.extend(sof);
        out.extend([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        out
    }

    #[test]
    fn png_logos_decode_with_a_soft_mask() {
        let logo = Logo::from_bytes(&png_bytes(6, 3)).unwrap();
        assert_eq!((logo.size(), logo.gray), ((6, 3), false));
        assert!(logo.alpha.is_some());
        assert!(matches!(logo.data, ImageData::Deflated(_)));
    }

    #[test]
    fn jpeg_logos_pass_through_after_their_headers_are_checked() {
        let bytes = jpeg_bytes(40, 20, 3);
        let logo = Logo::from_bytes(&bytes).unwrap();
        assert_eq!(logo.size(), (40, 20));
        assert_eq!(logo.data, ImageData::Jpeg(bytes));
        assert_eq!(
            Logo::from_bytes(&jpeg_bytes(40, 20, 4))
                .unwrap_err()
                .to_string(),
            "the logo is not a valid JPEG: only greyscale and RGB images are supported (save a CMYK logo as RGB)"
        );
        let cut = jpeg_bytes(40, 20, 3);
        assert!(Logo::from_bytes(&cut[..cut.len() - 2]).is_err());
        assert!(Logo::from_bytes(&cut[..12]).is_err());
    }

    #[test]
    fn bad_and_oversized_logos_are_refused() {
        assert_eq!(
            Logo::from_bytes(b"GIF89a").unwrap_err(),
            LogoError::UnknownFormat
        );
        assert_eq!(
            Logo::from_bytes(&jpeg_bytes(5000, 10, 3)).unwrap_err(),
            LogoError::TooManyPixels(5000, 10)
        );
        assert_eq!(
            Logo::from_bytes(&jpeg_bytes(2500, 2500, 3)).unwrap_err(),
            LogoError::TooManyPixels(2500, 2500)
        );
        let mut png = png_bytes(4, 4);
        png.truncate(png.len() - 20);
        assert!(matches!(
            Logo::from_bytes(&png).unwrap_err(),
            LogoError::Png(_)
        ));
        assert_eq!(
            Logo::from_bytes(&vec![0xFF; MAX_LOGO_BYTES + 1]).unwrap_err(),
            LogoError::TooLarge(MAX_LOGO_BYTES + 1)
        );
    }
}
